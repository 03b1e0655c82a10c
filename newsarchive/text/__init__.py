"""Text of a record: normalisation, de-obfuscation, boilerplate (fixed and learned), fingerprints."""
