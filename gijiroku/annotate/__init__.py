"""Annotation: remarks -> remarks with themes, references to the report and key terms.

tokenizer (fugashi + unidic-lite morphemes), lexicon (the data file of themes and terms), themes
(the tagger), overrides (hand corrections), references (report pages and 「」 terms), stage (the
pipeline stage that applies them), theme_eval (measuring the tagger on a labelled set).
"""
