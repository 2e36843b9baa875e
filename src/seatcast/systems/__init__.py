"""seatcast.systems"""
