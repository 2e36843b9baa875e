"""seatcast.factcheck"""
