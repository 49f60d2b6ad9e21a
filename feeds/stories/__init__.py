"""Story assignment: the streaming clusterer the live app and `wirewatch cluster` share."""

from feeds.stories.engine import Assignment, ClusterDoc, StoryEngine

__all__ = ["Assignment", "ClusterDoc", "StoryEngine"]
