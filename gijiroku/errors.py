"""User-facing errors: each names the file, the line, what is wrong and what to do."""

from __future__ import annotations


class GijirokuError(Exception):
    """A mistake in the user's input. The CLI prints it without a traceback and exits 2.

    Picklable (subclasses included): the batch parser's worker processes send it back to the
    parent as it is.
    """

    def __init__(self, file: str, message: str, hint: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def __reduce__(self):
        # Exception pickles as ``cls(*self.args)``, and ``args`` holds only the rendered text.
        return type(self), (self.file, self.message, self.hint, self.line)

    def render(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: error: {self.message}\n  hint: {self.hint}"
