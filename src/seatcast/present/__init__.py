"""seatcast.present"""
