"""Full-text search: tokens (how text is cut into index keys), index (the static sharded index
the site ships) and query (the reference implementation of search.js's query semantics).
"""
