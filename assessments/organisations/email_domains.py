"""E-mail domains that an organisation's identity provider signs in: normalising and checking them (no queries)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Mail services anyone can have an address at: no organisation may route their people to its own provider.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "yahoo.com",
        "yahoo.nl",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "mail.com",
        "zoho.com",
        "yandex.com",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "home.nl",
        "xs4all.nl",
        "telfort.nl",
        "hetnet.nl",
        "casema.nl",
        "chello.nl",
        "quicknet.nl",
        "upcmail.nl",
        "online.nl",
        "tele2.nl",
        "caiway.nl",
        "telenet.be",
        "skynet.be",
    }
)
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_domain(text: str) -> str:
    """The domain in lower-case IDNA form; ValidationError with a message naming it when it is not one."""
    raw = text.strip().lower().removeprefix("@").rstrip(".")
    try:
        domain = raw.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    labels = domain.split(".")
    if len(domain) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValidationError(
            _("“%(domain)s” is not an e-mail domain. Enter a domain such as example.nl, without the part before @.")
            % {"domain": text.strip()}
        )
    if labels[-1].isdigit():
        raise ValidationError(_("“%(domain)s” is an address, not a domain.") % {"domain": text.strip()})
    return domain


def parse_domains(text: str) -> list[str]:
    """The domains of a text field (one a line, or separated by commas or spaces), normalised, each once."""
    domains: list[str] = []
    errors: list[ValidationError] = []
    for part in re.split(r"[\s,;]+", text):
        if not part:
            continue
        try:
            domain = normalise_domain(part)
        except ValidationError as error:
            errors.append(error)
            continue
        if domain in PUBLIC_EMAIL_DOMAINS:
            errors.append(
                ValidationError(
                    _("%(domain)s is a public e-mail service: anyone can have an address there.") % {"domain": domain}
                )
            )
        elif domain not in domains:
            domains.append(domain)
    if errors:
        raise ValidationError(errors)
    if not domains:
        raise ValidationError(_("Enter at least one e-mail domain of your organisation."))
    return domains


def domain_of(email: str) -> str:
    """The normalised domain of an e-mail address, or "" when it has none."""
    _local, at, domain = email.strip().rpartition("@")
    if not at:
        return ""
    try:
        return normalise_domain(domain)
    except ValidationError:
        return ""
