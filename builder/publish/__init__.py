"""Orchestration only: a build, a part of a split build, the merge of the parts."""
