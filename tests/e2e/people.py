"""Made-up but valid parties for end-to-end tests: resident identity numbers
(GB 11643, with their check character) and unified social credit codes
(GB 32100), never the same one twice in a test process (a case may name a
thousand workers, and the server rightly refuses one person named twice),
and today's date in China. Every e2e module takes its parties from here."""

import datetime
import random

CHINA = datetime.timezone(datetime.timedelta(hours=8))
_RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_issued = set()


def today():
    return datetime.datetime.now(CHINA).date()


def resident_id_check(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _RESIDENT_WEIGHTS)) % 11]


def credit_check(first17):
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def _fresh(draw):
    while True:
        value = draw()
        if value not in _issued:
            _issued.add(value)
            return value


def resident_id(area="420102", born=None):
    """An identity number registered in `area` (Jiang'an district unless told),
    of someone born between 1960 and 1999 (or on `born`)."""
    def draw():
        birth = born or datetime.date(1960, 1, 1) + datetime.timedelta(days=random.randrange(40 * 365))
        first17 = f"{area}{birth:%Y%m%d}{random.randrange(1000):03d}"
        return first17 + resident_id_check(first17)
    return _fresh(draw)


def credit_code(area="420100"):
    """A unified social credit code of a company registered in `area` (Wuhan unless told)."""
    def draw():
        first17 = "91" + area + "".join(random.choice(_CREDIT_ALPHABET) for _ in range(9))
        return first17 + credit_check(first17)
    return _fresh(draw)
