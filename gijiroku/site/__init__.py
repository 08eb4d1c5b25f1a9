"""The MkDocs site: a plugin that renders meeting, theme, report and glossary pages from the YAML."""
