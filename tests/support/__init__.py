"""Test support shared by the conformance suite and the other test folders.

Everything here drives real things: Copier renders, real installs, real server processes,
a real SMTP sink, PostgreSQL and Redis from Debian's binaries.
"""
