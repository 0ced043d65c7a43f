"""The platform's console in the browser: staff accounts, sign-in, hall and fleet views.

Server-rendered pages (Jinja2 templates under ``templates/``, strings in zh and en
under ``data/``), mounted on the platform app by :func:`central.console.routes.mount`.
Nothing here answers without a signed-in member of staff.
"""
