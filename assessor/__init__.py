"""assessor: how ready is a government to procure and run open-source software for public digital infrastructure."""

__version__ = "0.1.0"
