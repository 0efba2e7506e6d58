"""Made-up but valid parties for end-to-end tests: resident identity numbers
(GB 11643, with their check character) and unified social credit codes
(GB 32100), random enough that two cases rarely share a person, and today's
date in China."""

import datetime
import random

CHINA = datetime.timezone(datetime.timedelta(hours=8))
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def today():
    return datetime.datetime.now(CHINA).date()


def resident_id_check(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def resident_id(born=None):
    """An identity number of someone from Jiang'an district, born in 1985 (or on `born`)."""
    if born is None:
        birth = f"1985{random.randrange(1, 13):02d}{random.randrange(1, 29):02d}"
    else:
        birth = f"{born:%Y%m%d}"
    first17 = f"420102{birth}{random.randrange(1000):03d}"
    return first17 + resident_id_check(first17)


def credit_code():
    first17 = "91420100" + "".join(random.choice(_CREDIT_ALPHABET) for _ in range(9))
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return first17 + _CREDIT_ALPHABET[(31 - total % 31) % 31]
