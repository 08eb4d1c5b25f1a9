"""gijiroku: Japanese government meeting minutes as structured, citable data and a site."""

__version__ = "0.1.0"
