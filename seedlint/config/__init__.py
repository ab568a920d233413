"""Configuration: finding and validating files, the settings they give, what the gate trusts."""
