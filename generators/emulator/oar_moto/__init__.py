"""CloudFormation models for moto 5.2 that its own CloudFormation layer lacks.

Each ``oar_moto.<service>.models`` module mirrors ``moto.<service>.models``: moto's model
metaclass takes the service name from the second part of the module path. A model class
must be defined before moto first builds its type map (``get_model_map`` is cached), so
``load_models()`` runs before the server or a test creates a stack.
"""

import importlib
import pkgutil
from pathlib import Path

MOTO_VERSION = "5.2.1"


def services() -> list[str]:
    """The services this package holds models for, by package name."""
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.ispkg)


def load_models() -> list[str]:
    """Imports every models module (and, for a package such as ``ec2.models``, each of its
    modules), which registers its types with moto; returns the types this package adds."""
    # moto's own models first, so that a model here for a type moto already has is the later
    # subclass, which get_model_map keeps.
    import moto.cloudformation.parsing  # noqa: F401
    from moto.core.common_models import CloudFormationModel

    for service in services():
        module = importlib.import_module(f"{__name__}.{service}.models")
        for sub in pkgutil.iter_modules(getattr(module, "__path__", [])):
            importlib.import_module(f"{module.__name__}.{sub.name}")
    return sorted(
        model.cloudformation_type()
        for model in CloudFormationModel.__subclasses__()
        if model.__module__.startswith(f"{__name__}.")
    )
