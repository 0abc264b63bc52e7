"""The web UI: the public chat and self-check, the staff workspace, the REST API.

It imports the core through a small surface (:class:`~assistant.service.Assistant`,
:class:`~assistant.types.Answer`, the eligibility check, :class:`~assistant.knowledge.KnowledgeBase`);
the core never imports this package. Gradio is imported by :mod:`assistant.web.app` and the
tabs it builds, so the rest (the answer card, the texts) stays light.
"""
