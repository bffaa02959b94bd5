"""gunicorn's settings that must agree with the app's: `gunicorn -c python:cxmaturity.gunicorn_conf ...`.

gunicorn trusts X-Forwarded-Proto (and so marks a request as HTTPS) from FORWARDED_ALLOW_IPS, by default
loopback, even when no proxy is there. Here the list comes from the app's own proxy settings
(`cxmaturity.env.forwarded_allow_ips`: BEHIND_PROXY, TRUSTED_PROXY_COUNT, TRUSTED_PROXY_IPS).
"""

from cxmaturity.env import forwarded_allow_ips as _trusted_proxies

forwarded_allow_ips = ",".join(_trusted_proxies())
