"""PyYAML's C parser with a faster, equivalent resolver for the safe schema.

Profiling showed the pure-Python resolver dominating load time (one regex search per
scalar, and pose data is mostly numbers). Tags are the same as yaml.SafeLoader's: the
implicit resolvers are PyYAML's own, only the lookups are cached.
"""
from __future__ import annotations

import functools

import yaml

try:
    from yaml.cyaml import CParser as _PARSER
except ImportError:  # PyYAML built without libyaml
    _PARSER = None
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def _tag(kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
    if kind is yaml.ScalarNode:
        if not implicit[0]:
            return _STR
        for tag, pattern in [*_IMPLICIT.get(value[:1] or "", []), *_IMPLICIT.get(None, [])]:
            if pattern.match(value):
                return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


class _FastResolver(yaml.resolver.Resolver):
    # Called once per node by the C parser: a cached function, so a repeat costs no Python frame.
    resolve = staticmethod(functools.lru_cache(maxsize=65536)(_tag))

    def descend_resolver(self, current_node, current_index):  # no path resolvers are used
        pass

    def ascend_resolver(self):
        pass


if _PARSER is not None:

    class Loader(_PARSER, yaml.constructor.SafeConstructor, _FastResolver):
        def __init__(self, stream):
            _PARSER.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _FastResolver.__init__(self)

else:  # PyYAML built without libyaml: the pure-Python loader, same results, slower
    Loader = yaml.SafeLoader
