"""seatcast.web"""
