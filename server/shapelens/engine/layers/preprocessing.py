"""preprocessing layers."""
