"""`cv651 --help` lists the commands in the order of a clerk's day, in both languages."""

import re

import pytest
from typer.testing import CliRunner

from cv651.cli import app


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_lists_commands_in_working_order(lang):
    result = CliRunner().invoke(app, ["--help", "--lang", lang])
    assert result.exit_code == 0
    heading = {"vi": "Lệnh:", "en": "Commands:"}[lang]
    names = re.findall(r"^  (\w+) ", result.output.split(f"\n{heading}\n")[1], re.M)
    assert names[:6] == ["validate", "status", "show", "summarize", "remind", "export"]
    assert names[-1] == "init"
    assert len(names) == len(app.registered_commands)


def test_example_comments_follow_the_language():
    vi = CliRunner().invoke(app, ["record", "--help", "--lang", "vi"]).output
    en = CliRunner().invoke(app, ["record", "--help", "--lang", "en"]).output
    assert "# asks for each missing value on a terminal" in en
    assert "asks for each" not in vi and "# hỏi lần lượt từng giá trị còn thiếu" in vi
