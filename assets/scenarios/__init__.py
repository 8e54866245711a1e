"""Shipped scenario files (TOML)."""
