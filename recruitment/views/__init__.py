"""Staff pages, one module per topic: home, candidates, members, deadlines, dashboard,
quotas, imports (``common`` holds what they share).

Every object is reached through ``visible_to(request.user)``: another organisation's id in
a URL is a 404. Changes go through ``services``.
"""
