"""Explainable skill extraction and role-fit scoring for job postings and resumes.

The records ``scan`` and ``scan_batch`` return are the JSON records of the ``rolefit`` command
line (``rolefit scan --format jsonl``), parsed into dicts and lists.
"""

from ._rolefit import Error, Matcher, ReadError, Taxonomy, read, scan, scan_batch

__all__ = ["Error", "Matcher", "ReadError", "Taxonomy", "read", "scan", "scan_batch"]
