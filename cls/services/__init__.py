"""CLS services. Other apps call only the figures of `coverage` (design.md §2):
`cls_coverage()`, `pipeline()` and `fiches_actions_counts()`."""

from cls.services.coverage import cls_coverage, fiches_actions_counts, pipeline

__all__ = ["cls_coverage", "fiches_actions_counts", "pipeline"]
