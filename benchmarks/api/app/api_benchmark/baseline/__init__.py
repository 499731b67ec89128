"""The billing API as a competent engineer writes it by hand: ModelViewSet + ModelSerializer."""
