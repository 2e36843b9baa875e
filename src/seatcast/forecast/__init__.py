"""seatcast.forecast"""
