"""The files walked in a folder, and whether one path would be: the language server asks the
second for files that appear or change after its walk."""
import os

from shapelens.config import Configs
from shapelens.files import included, walk

from test_config import write

LAYOUT = {
    ".gitignore": "out/\n*.gen.py\n!keep.gen.py\n/top.py\n", "shapelens.toml": 'extend-exclude = ["gen"]\n',
    "a.py": "", "b.ipynb": "{}", "notes.txt": "", "out/a.py": "", "x.gen.py": "", "sub/keep.gen.py": "",
    "top.py": "", "sub/top.py": "", "gen/a.py": "", "src/gen/b.py": "", "build/a.py": "", ".venv/lib/a.py": "",
    "sub/.gitignore": "b.py\n", "sub/b.py": "", "sub/c.py": "", "sub/deep/b.py": "",
}


def test_included_agrees_with_the_walk(tmp_path):
    write(tmp_path, LAYOUT)
    walked = {os.path.relpath(os.path.join(root, name), tmp_path) for root, name in walk(str(tmp_path), Configs())}
    assert walked == {"a.py", "b.ipynb", "sub/keep.gen.py", "sub/top.py", "sub/c.py"}
    for name in LAYOUT:
        assert included(str(tmp_path / name), str(tmp_path), Configs()) == (name in walked), name
    assert not included(str(tmp_path.parent / "elsewhere.py"), str(tmp_path), Configs())
    assert included(str(tmp_path / "sub" / "new.py"), str(tmp_path), Configs())  # not on disk (yet)
