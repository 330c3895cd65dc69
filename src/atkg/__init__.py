"""atkg: the open knowledge graph of the international regime against trafficking in persons.

Nothing heavy is imported here; the public entry points live in their modules
(`atkg.build.build`, `atkg.store.open_store`, `atkg.validate.validate_dataset`).
"""

__version__ = "0.1.0"
