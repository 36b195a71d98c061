"""The policy team's tools without the web: accounts, the audit log, the readable rule book and its diff."""
