"""govlint's own rule packs, registered through the same `govlint` entry points as any plugin."""
