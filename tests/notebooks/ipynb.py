"""Jupyter notebooks for the tests, as nbformat 4 JSON, and the seed's example 1 split into cells."""
from pathlib import Path

SEED_1 = (Path(__file__).parent.parent / "fixtures" / "seed" / "example_1.py").read_text().splitlines(keepends=True)
# Example 1 in three cells, as it would be written in a notebook: imports and data, model, call.
DATA = "".join(SEED_1[0:5]).rstrip("\n")  # lines 1-5
MODEL = "".join(SEED_1[7:13]).rstrip("\n")  # lines 8-13
CALL = "".join(SEED_1[14:]).rstrip("\n")  # lines 15-21


def code(text: str, **metadata) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": metadata, "outputs": [],
            "source": text.splitlines(keepends=True)}  # nbformat stores a cell's source as its lines


def markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text.splitlines(keepends=True)}


def notebook(*cells: dict, language: str = "python") -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "cells": list(cells), "metadata": {
        "kernelspec": {"name": f"{language}3", "display_name": language.title(), "language": language},
        "language_info": {"name": language}}}


def example_1() -> dict:
    """Example 1 with a title, a magic and a shell line, and a markdown cell between its cells:
    the data is cell 2, the model cell 4 and the call cell 5."""
    return notebook(
        markdown("# Example 1\nA model for grayscale images, called on RGB data."),
        code("%matplotlib inline\n!nvidia-smi\n" + DATA),
        markdown("The model"),
        code(MODEL),
        code(CALL),
    )
