"""Reading rule packs and answers files from disk: the edge where text becomes typed data."""
