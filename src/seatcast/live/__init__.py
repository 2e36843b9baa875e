"""seatcast.live"""
