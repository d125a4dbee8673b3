"""README.md renders as meant: every code block is closed, so the sections after it are text, not code."""

from pathlib import Path

from django.conf import settings


def blocks(text: str) -> tuple[list[str], bool]:
    """The headings outside code blocks, and whether a block is left open at the end."""
    headings, in_code = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            # A fence is ``` alone or with an info string when it opens; text after a closing fence breaks it.
            assert in_code is False or stripped == "```", f"text after a closing fence: {line!r}"
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            headings.append(line)
    return headings, in_code


def test_every_code_block_of_the_readme_is_closed_and_the_sections_are_text():
    headings, left_open = blocks((Path(settings.BASE_DIR) / "README.md").read_text())
    assert not left_open
    for section in ("## REST API", "## Demo and benchmark data", "## The family portal and its languages",
                    "## Code layout"):
        assert section in headings


def test_the_check_catches_a_block_left_open():
    _headings, left_open = blocks("```sh\nmake run\n\n## REST API\n")
    assert left_open
