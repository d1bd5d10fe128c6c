"""The web layer: an HTTP API (``/api``, OpenAPI at ``/docs``) and server-rendered pages over one service.

``create_app`` is in :mod:`.app` and ``run`` in :mod:`.server`; importing
this package starts nothing and imports no web framework.
"""
