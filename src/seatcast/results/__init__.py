"""seatcast.results"""
