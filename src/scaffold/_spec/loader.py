"""Load a spec file: YAML with line numbers, the schema, then the cross-checks."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from scaffold._spec.checks import check_spec
from scaffold._spec.schema import DomainSpec, FieldSpec, ParentScope
from scaffold._spec.source import read_source
from scaffold.errors import SpecError, SpecProblem

KeyPath = tuple[Any, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"
# Values a document may hold once aliases are expanded: far above any real spec, far below an
# alias bomb (nine nested lists of nine expand to 387 million).
MAX_EXPANDED_VALUES = 100_000
_UNWRITABLE = re.compile("[\ud800-\udfff\x00]")
_YAML_TIP = "check the YAML syntax on that line and the one before (indentation, quotes)"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SCOPE_MESSAGE = "scope must be tenant, owner, none or {parent: <foreign key field>}"
# What a union position expects when the value fits none of its forms.
_UNION_MESSAGES = {
    "write": "expected a list of field names or {create: [...], update: [...]}",
    "constraints": "expected {unique: [<field>, ...]} or {check: '<expression>'}",
    "read": "expected a name or {<foreign key>: [<name>, ...]}",
    "list": "expected a name or {<foreign key>: [<name>, ...]}",
    "choices": "expected a list of names or a mapping of name: label",
    "display": "expected a field name or a list of field names",
}
# Keys whose strings are free text rather than names.
_TEXT_KEYS = {"description", "help_text", "verbose_name", "verbose_name_plural", "message", "check"}
_TYPE_ERRORS = {
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "decimal_type": "expected a number",
    "decimal_parsing": "expected a number",
    "finite_number": "expected a finite number",
}


def load_spec(path: Path) -> DomainSpec:
    """Read, validate and cross-check a spec file; raise SpecError listing every problem."""
    return read_spec(path)[0]


def read_spec(path: Path) -> tuple[DomainSpec, dict[str, Any]]:
    """Like ``load_spec``, also returning the document as written (kept to detect drift)."""
    spec, data, _ = read_spec_text(path)
    return spec, data


def read_spec_text(path: Path) -> tuple[DomainSpec, dict[str, Any], str]:
    """Like ``read_spec``, also returning the text: a pipe (/dev/stdin) can be read only once."""
    text = _read(path)
    data, lines = _parse(text, path)
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{_show(data)}, not a mapping"
        keys = ", ".join(_keys_of(DomainSpec))
        message = f"the spec is {what}; expected the keys: {keys}"
        hint = "start from `scaffold new-domain --example billing` or the README's spec"
        _fail(path, lines, [SpecProblem((), message, hint=hint)])
    try:
        spec = DomainSpec.model_validate(data)
    except ValidationError as exc:
        _fail(path, lines, _schema_problems(exc, data, lines))
    problems = check_spec(spec)
    if problems:
        _fail(path, lines, problems)
    return spec, data, text


def spec_error(path: Path, problems: list[SpecProblem], text: str | None = None) -> SpecError:
    """Problems found beyond the loader (against the project), placed on their lines.

    ``text`` is the spec as read before, when the path cannot be read again (a pipe).
    """
    try:
        _, lines = _parse(_read(path) if text is None else text, path)
    except SpecError:
        lines = {}
    try:
        _fail(path, lines, problems)
    except SpecError as error:
        return error


def line_of_key(text: str, path: Path, key: KeyPath) -> int | None:
    """The line of ``key`` in a spec's text (None when the text no longer parses)."""
    try:
        _, lines = _parse(text, path)
    except SpecError:
        return None
    return _line_of(key, lines)


def _fail(path: Path, lines: dict[KeyPath, int], problems: list[SpecProblem]) -> typing.NoReturn:
    for problem in problems:
        if problem.line is None:
            problem.line = _line_of(problem.path, lines)
    # A stable sort keeps problems of one line in the order they were found.
    problems = sorted(problems, key=lambda problem: problem.line or 0)
    raise SpecError(file=path, problems=problems)


def _line_of(path: KeyPath, lines: dict[KeyPath, int]) -> int | None:
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _read(path: Path) -> str:
    data = read_source(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object.count(b"\n", 0, exc.start) + 1
        message = f"the file is not UTF-8 text: byte {exc.object[exc.start]:#04x} cannot be read"
        hint = "save the file as UTF-8"
        raise SpecError(file=path, problems=[SpecProblem((), message, line, hint)]) from None
    return text


class _ValueProblem(Exception):
    """A value YAML parsed but could not turn into Python data, with its node."""

    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.message = message
        self.hint = hint


class _KeysAsText:
    """Every key of a spec is a name, so keys stay text: `null:` and `on:` mean those words.

    Values follow YAML 1.2 for booleans: only true and false are, so `choices: [yes, no]` or
    a field called `on` in a list need no quotes.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A scalar YAML reads but Python refuses (2024-02-30, a 5000-digit number) is an error
        at its line, not a traceback."""
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError) as exc:
            if isinstance(exc, yaml.YAMLError):
                raise
            hint = "put the value in quotes to keep it as text"
            raise _ValueProblem(node, f"cannot read {_show(node.value)}: {exc}", hint) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)  # `<<: *anchor` merges, as in SafeLoader
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _key(self, key_node)
            if not isinstance(key, typing.Hashable):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found a key that is not a name",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


class _SpecLoader(_KeysAsText, yaml.SafeLoader):
    """Pure-Python parsing: slower, with the clearer messages for broken YAML."""


# libyaml when PyYAML has it: the same documents and marks, several times faster on big specs.
class _FastSpecLoader(_KeysAsText, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml parsing, used first; a document it rejects is parsed again for the message."""


for _loader in (_SpecLoader, _FastSpecLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        _BOOL_TAG, re.compile(r"\A(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF")
    )


def _key(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _parse(text: str, path: Path) -> tuple[Any, dict[KeyPath, int]]:
    """The data and the line of every key path; duplicate keys are errors, not last-one-wins."""
    try:
        return _parse_with(_FastSpecLoader, text, path)
    except SpecError as error:
        if not any(problem.message.startswith("invalid YAML") for problem in error.problems):
            raise  # the verdict does not depend on the parser: no second, slower pass
        return _parse_with(_SpecLoader, text, path)  # same verdict, clearer wording


def _parse_with(
    loader_class: type[yaml.SafeLoader], text: str, path: Path
) -> tuple[Any, dict[KeyPath, int]]:
    loader = None
    try:
        loader = loader_class(text)
        root = loader.get_single_node()
        if root is None:
            return None, {}
        if _expanded_size(root) > MAX_EXPANDED_VALUES:
            raise SpecError(file=path, problems=[_expansion_problem(root)])
        lines: dict[KeyPath, int] = {(): root.start_mark.line + 1}
        duplicates: list[SpecProblem] = []
        _index(loader, root, (), lines, duplicates, set())
        if duplicates:
            raise SpecError(file=path, problems=duplicates)
        data = loader.construct_document(root)
    except yaml.reader.ReaderError as exc:
        raise SpecError(file=path, problems=[_reader_problem(exc, text)]) from None
    except yaml.MarkedYAMLError as exc:
        raise SpecError(file=path, problems=[_yaml_problem(exc)]) from None
    except yaml.YAMLError as exc:
        problem = SpecProblem((), f"invalid YAML: {exc}", hint=_YAML_TIP)
        raise SpecError(file=path, problems=[problem]) from None
    except _ValueProblem as exc:
        problem = SpecProblem((), f"invalid YAML: {exc.message}", exc.line, exc.hint)
        raise SpecError(file=path, problems=[problem]) from None
    except RecursionError:
        message = "the YAML is nested too deeply to be a spec"
        hint = "a spec nests a few levels: domain, models, fields, options"
        raise SpecError(file=path, problems=[SpecProblem((), message, hint=hint)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if found := _unwritable_text(data, ()):
        where, value = found
        if "\0" in value:
            message = f"{_show(value)} holds a NUL character, which databases cannot store"
            hint = "remove the \\0 or \\x00 escape"
        else:
            message = f"{_show(value)} holds a lone surrogate, which is not a character"
            hint = "remove the \\ud800-\\udfff escape; write the character itself"
        raise SpecError(
            file=path, problems=[SpecProblem(where, message, _line_of(where, lines), hint)]
        )
    return data, lines


def _expanded_size(root: yaml.Node) -> int:
    """How many values the document holds once every alias is expanded (counted, not built)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if children_done:
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), MAX_EXPANDED_VALUES + 1)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _expansion_problem(root: yaml.Node) -> SpecProblem:
    hint = "write repeated parts out, or alias them without nesting aliases in aliases"
    message = f"the YAML aliases (*name) expand to more than {MAX_EXPANDED_VALUES:,} values"
    if _node_count(root) > MAX_EXPANDED_VALUES:
        message = f"the spec holds more than {MAX_EXPANDED_VALUES:,} values"
        hint = "split the domain into several specs, or check that this is the spec file"
    return SpecProblem((), f"{message}; a spec is far smaller", hint=hint)


def _node_count(root: yaml.Node) -> int:
    """Nodes as written, each alias once."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


def _unwritable_text(data: Any, path: KeyPath) -> tuple[KeyPath, str] | None:
    """The first text (key or value) holding a lone surrogate (not writable as UTF-8) or a NUL
    character (no database stores it in text): both only come from YAML escapes."""
    stack: list[tuple[Any, KeyPath]] = [(data, path)]
    seen: set[int] = set()
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if _UNWRITABLE.search(value):
                return where, value
        elif isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in items:
                if isinstance(key, str) and _UNWRITABLE.search(key):
                    return (*where, key), key
                stack.append((child, (*where, key)))
    return None


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> SpecProblem:
    """A character YAML does not allow (a NUL byte, a control character), at its line."""
    line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    what = "a NUL byte" if character == "\0" else f"the character {character!r}"
    message = f"the file holds {what}, which YAML does not allow; a spec is plain text"
    return SpecProblem((), message, line, "remove it (it often comes from copying binary data)")


def _index(
    loader: _SpecLoader,
    node: yaml.Node,
    path: KeyPath,
    lines: dict[KeyPath, int],
    duplicates: list[SpecProblem],
    seen: set[int],
) -> None:
    # An alias repeats a node: walking it once keeps `&a [*a]` and alias bombs harmless.
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = _key(loader, key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, typing.Hashable):
                continue  # constructing the mapping reports it
            if key in first:
                hint = f"the first {_show(key)} is on line {first[key]}"
                duplicates.append(SpecProblem(path, f"duplicate key {_show(key)}", line, hint))
                continue
            first[key] = lines[(*path, key)] = line
            _index(loader, value_node, (*path, key), lines, duplicates, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _index(loader, item, (*path, index), lines, duplicates, seen)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> SpecProblem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "cannot parse"
    if exc.context and exc.problem:
        if exc.problem.startswith("but "):  # "expected a single document ..., but found ..."
            message = f"{exc.context}, {message}"
        elif exc.context_mark and mark and exc.context_mark.line != mark.line:
            message = f"{message} ({exc.context} on line {exc.context_mark.line + 1})"
        else:
            message = f"{exc.context}: {message}"
    hint = _YAML_TIP
    if exc.problem == "mapping values are not allowed here":
        hint = "put quotes around a value that contains ': '"
    elif "found character '\\t'" in str(exc.problem):
        hint = "indent with spaces: YAML does not allow tabs"
    elif exc.problem and ("expected ','" in exc.problem or "flow" in (exc.context or "")):
        hint = "check the brackets and commas of the [...] or {...} that starts on the line named"
    return SpecProblem((), f"invalid YAML: {message}", mark.line + 1 if mark else None, hint)


# --- pydantic errors in the user's words ---------------------------------------------------


@dataclass
class _Located:
    """A pydantic error location read against the schema: real keys only, union tags aside."""

    path: KeyPath
    container: Any  # the type holding the last key (a model for unknown / missing keys)
    annotation: Any  # the type expected at the path
    union: tuple[KeyPath, tuple[Any, ...], Any] | None  # the first union: where, members, branch


def _schema_problems(
    exc: ValidationError, data: Any, lines: dict[KeyPath, int]
) -> list[SpecProblem]:
    problems: list[SpecProblem] = []
    # pydantic reports every branch it tried at a union; gather them to pick one per union.
    unions: dict[KeyPath, tuple[tuple[Any, ...], list[tuple[ErrorDetails, _Located]]]] = {}
    for error in exc.errors():
        located = _locate(error["loc"])
        if located.union is None:
            problems.append(_problem(error, located, lines))
        else:
            where, members, _ = located.union
            unions.setdefault(where, (members, []))[1].append((error, located))
    for where, (members, errors) in unions.items():
        problems.extend(_union_problems(where, members, errors, _value_at(data, where), lines))
    unique: dict[tuple[KeyPath, str], SpecProblem] = {}
    for problem in problems:
        if not _misspelt(problem, problems):
            unique.setdefault((problem.path, problem.message), problem)
    return list(unique.values())


def _misspelt(problem: SpecProblem, problems: list[SpecProblem]) -> bool:
    """A missing key that an unknown key beside it is a typo of: `frm:` is reported once."""
    if not problem.message.startswith("missing required key "):
        return False
    tip = f"did you mean {problem.message.removeprefix('missing required key ')}?"
    return any(other.path == problem.path and other.hint == tip for other in problems)


def _union_problems(
    path: KeyPath,
    members: tuple[Any, ...],
    errors: list[tuple[ErrorDetails, _Located]],
    value: Any,
    lines: dict[KeyPath, int],
) -> list[SpecProblem]:
    """One good message per union: the errors of the branch the value was meant for."""
    if ParentScope in members:
        hint = _did_you_mean(value, ["tenant", "owner", "none"]) if isinstance(value, str) else None
        hint = hint or "see Scopes in the README: whose rows these are decides the scope"
        return [SpecProblem(path, _SCOPE_MESSAGE, hint=hint)]
    if all(_kind(member) == "scalar" for member in members):
        hint = "write the number without quotes"
        return [SpecProblem(path, f"expected a number, not {_show(value)}", hint=hint)]
    candidates = [member for member in members if _kind(member) == _kind_of_value(value)]
    models = [member for member in candidates if _is_model(member)]
    if len(models) > 1:  # a constraint: `unique:` or `check:` says which one is meant
        candidates = [model for model in models if _required_keys(model) <= set(value)]
    if len(candidates) == 1:
        branch = [
            (error, loc) for error, loc in errors if loc.union and loc.union[2] is candidates[0]
        ]
        if branch:
            return [_problem(error, located, lines) for error, located in branch]
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    message = _UNION_MESSAGES.get(key, "has the wrong form")
    if not candidates:
        message = f"{message}, not {_show(value)}"
    return [SpecProblem(path, message, hint="see the spec reference in the README")]


def _problem(error: ErrorDetails, located: _Located, lines: dict[KeyPath, int]) -> SpecProblem:
    kind, value, path = error["type"], error.get("input"), located.path
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if kind == "extra_forbidden":  # shown at its mapping, with the line of the key itself
        allowed = _keys_of(located.container)
        message = f"unknown key {_show(key)}; expected one of: {', '.join(allowed)}"
        hint = _did_you_mean(key, allowed) or "remove it, or move it to where it belongs"
        return SpecProblem(path[:-1], message, _line_of(path, lines), hint)
    if kind == "missing":
        hint = f"add {key}: to this mapping"
        return SpecProblem(path[:-1], f"missing required key {_show(key)}", hint=hint)
    if kind == "literal_error":
        return _literal_problem(path, value, located.annotation, key)
    if kind in _TYPE_ERRORS:
        hint = "write the value without quotes" if isinstance(value, str) else "change the value"
        return SpecProblem(path, f"{_TYPE_ERRORS[kind]}, not {_show(value)}", hint=hint)
    if kind == "string_type":
        what = "text" if key in _TEXT_KEYS else "a name"
        quote = "YAML reads true and false as booleans; put the name in quotes"
        hint = quote if isinstance(value, bool) else f"write {what} here"
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            hint = "put the value in quotes"
        return SpecProblem(path, f"expected {what}, not {_show(value)}", hint=hint)
    if kind == "list_type":
        return SpecProblem(
            path,
            f"expected {_describe_list(located.annotation)}, not {_show(value)}",
            hint="write a list as [a, b] or as lines starting with '- '",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        what = "a mapping"
        if located.annotation is FieldSpec:
            what = "a field type or a mapping such as {type: string}"
        return SpecProblem(
            path, f"expected {what}, not {_show(value)}", hint="write a mapping as {key: value}"
        )
    if kind == "too_short":
        return SpecProblem(path, "must not be empty", hint="add at least one entry")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = error["ctx"].get("ge", error["ctx"].get("le"))
        return SpecProblem(
            path,
            f"must be {'at least' if 'ge' in error['ctx'] else 'at most'} {bound}",
            hint="change the number",
        )
    if kind == "value_error":
        return SpecProblem(path, str(error["ctx"]["error"]), hint="change the value")
    message = error["msg"][:1].lower() + error["msg"][1:]
    return SpecProblem(path, message, hint="see the spec reference in the README")


def _literal_problem(path: KeyPath, value: Any, annotation: Any, key: str) -> SpecProblem:
    allowed = [str(option) for option in typing.get_args(annotation)]
    noun = "role" if key == "role" or path[-2:-1] == ("roles",) else key or "value"
    if not isinstance(value, str):
        message = f"{noun} must be one of: {', '.join(allowed)}; not {_show(value)}"
        return SpecProblem(path, message, hint=f"use one of the {noun}s listed")
    message = f"unknown {noun} {_show(value)}; expected one of: {', '.join(allowed)}"
    hint = _did_you_mean(value, allowed) or _synonym(noun, value)
    return SpecProblem(path, message, hint=hint or f"use one of the {noun}s listed")


def _locate(loc: tuple[Any, ...]) -> _Located:
    path: list[Any] = []
    container: Any = None
    annotation: Any = DomainSpec
    union: tuple[KeyPath, tuple[Any, ...], Any] | None = None
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, tuple):  # a union: pydantic names the branch it tried
            branch = _branch(annotation, part)
            if union is None:
                union = (tuple(path), annotation, branch)
            annotation = branch
            continue
        path.append(part)
        container, annotation = annotation, _child(annotation, part)
    return _Located(tuple(path), container, _unwrap(annotation), union)


def _unwrap(annotation: Any) -> Any:
    """Annotated and Optional away; a real union becomes the tuple of its members."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = tuple(
            _unwrap(member) for member in typing.get_args(annotation) if member is not type(None)
        )
        return members[0] if len(members) == 1 else members
    return annotation


def _child(annotation: Any, key: Any) -> Any:
    if _is_model(annotation):
        for name, info in annotation.model_fields.items():
            if key in (name, info.alias):
                return info.annotation
        return None
    origin = typing.get_origin(annotation)
    if origin is dict:
        return typing.get_args(annotation)[1]
    if origin is list:
        return typing.get_args(annotation)[0]
    return None


def _branch(members: tuple[Any, ...], part: Any) -> Any:
    tag = str(part)
    wanted = "list" if tag.startswith("list[") else "dict" if tag.startswith("dict[") else None
    for member in members:
        if _is_model(member) and member.__name__ == tag:
            return member
        if wanted and _kind(member) == wanted and not _is_model(member):
            return member
    return next((member for member in members if _kind(member) == "scalar"), None)


def _kind(annotation: Any) -> str:
    if typing.get_origin(annotation) is list:
        return "list"
    if typing.get_origin(annotation) is dict or _is_model(annotation):
        return "dict"
    return "scalar"


def _kind_of_value(value: Any) -> str:
    return "list" if isinstance(value, list) else "dict" if isinstance(value, dict) else "scalar"


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _keys_of(model: Any) -> list[str]:
    if not _is_model(model):
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _required_keys(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items() if info.is_required()}


def _describe_list(annotation: Any) -> str:
    item = _unwrap(typing.get_args(annotation)[0]) if typing.get_args(annotation) else None
    if item is str or (isinstance(item, tuple) and str in item):
        return "a list of names"
    if typing.get_origin(item) is list:
        return "a list of lists of names"
    return "a list"


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


# What people call the field types elsewhere: `money` is not close to `decimal` by spelling.
_TYPE_SYNONYMS = {
    "decimal": ("money", "currency", "price", "amount", "float", "double", "number", "numeric"),
    "integer": ("int", "bigint", "smallint", "count", "long"),
    "string": ("str", "char", "varchar", "name", "slug"),
    "text": ("textarea", "longtext", "markdown", "richtext"),
    "boolean": ("bool", "flag", "checkbox"),
    "datetime": ("timestamp", "time", "timestamptz"),
    "choice": ("enum", "select", "status", "state", "option"),
    "json": ("dict", "object", "map", "jsonb", "hash", "array", "list"),
    "foreign_key": ("fk", "reference", "ref", "relation", "link", "belongs_to", "foreignkey"),
    "url": ("uri", "website", "href"),
    "email": ("mail", "e-mail"),
    "uuid": ("guid",),
}


def _synonym(noun: str, value: str) -> str | None:
    if noun != "type":
        return None
    for meant, names in _TYPE_SYNONYMS.items():
        if value.lower() in names:
            return f"did you mean {_show(meant)}?"
    return None


def _did_you_mean(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1)
    return f"did you mean {_show(close[0])}?" if close else None


def _show(value: Any) -> str:
    """A value as the user wrote it in YAML."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)
