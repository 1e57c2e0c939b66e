"""policemetrics: typed, span-grounded statistics from Chinese police work-report articles.

>>> import policemetrics
>>> report = policemetrics.extract("2023年，全省电诈警情同比下降26.4%。")
>>> [(m.indicator, m.value, m.unit, m.kind, m.direction) for m in report.metrics]
[('电诈警情', 26.4, '%', 'change', 'down')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Heavy parts (OpenCC, the date pattern, region tables) load on first use, so `import policemetrics` stays cheap.
_LAZY = {
    "extract": "policemetrics.pipeline",
    "find_quantities": "policemetrics.recognise.quantities",
    "extract_file": "policemetrics.io.files",
    "extract_many": "policemetrics.io.batch",
    "Report": "policemetrics.models",
    "Metric": "policemetrics.models",
    "Honour": "policemetrics.models",
    "Initiative": "policemetrics.models",
    "Span": "policemetrics.models",
    "Quantity": "policemetrics.models",
    "Period": "policemetrics.models",
    "errors": "policemetrics.errors",
    "evaluate": "policemetrics.evaluate",
    "render": "policemetrics.io.render",
    "to_records": "policemetrics.io.records",
    "to_dataframe": "policemetrics.io.records",
    "panel": "policemetrics.io.panel",
}
# Modules, not attributes of them; ``policemetrics.evaluate`` is a callable module (see evaluate.py).
_MODULES = frozenset({"errors", "evaluate"})

__all__ = sorted(_LAZY)

if TYPE_CHECKING:
    from policemetrics import errors as errors
    from policemetrics.evaluate import evaluate as evaluate
    from policemetrics.io.batch import extract_many as extract_many
    from policemetrics.io.files import extract_file as extract_file
    from policemetrics.io.panel import panel as panel
    from policemetrics.io.records import to_dataframe as to_dataframe
    from policemetrics.io.records import to_records as to_records
    from policemetrics.io.render import render as render
    from policemetrics.models import Honour as Honour
    from policemetrics.models import Initiative as Initiative
    from policemetrics.models import Metric as Metric
    from policemetrics.models import Period as Period
    from policemetrics.models import Quantity as Quantity
    from policemetrics.models import Report as Report
    from policemetrics.models import Span as Span
    from policemetrics.pipeline import extract as extract
    from policemetrics.recognise.quantities import find_quantities as find_quantities


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'policemetrics' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(module_name)
    value = module if name in _MODULES else getattr(module, name)
    globals()[name] = value
    return value
