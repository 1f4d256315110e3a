from hypothesis import given
from hypothesis import strategies as st

from roundtable.organisations.shape import cross_sector_partners, team_shape_warnings

SECTORS = {"cm1": "health", "cm2": "health", "ec1": "employment", "ec2": "employment"}


def test_pairs_within_one_sector_are_not_cross_sector():
    partners = cross_sector_partners([("cm1", "cm2"), ("cm1", "ec1")], SECTORS)
    assert partners == {"cm1": {"ec1"}, "ec1": {"cm1"}}


def test_the_same_pair_twice_counts_once():
    partners = cross_sector_partners([("cm1", "ec1"), ("ec1", "cm1"), ("cm1", "ec1")], SECTORS)
    assert partners["cm1"] == {"ec1"}


def test_large_ibbis_team_shape_is_flagged():
    # DOMAIN §2: a care manager working with up to 8 employment consultants.
    sectors = {"cm": "health", **{f"ec{i}": "employment" for i in range(8)}}
    partners = cross_sector_partners([("cm", f"ec{i}") for i in range(8)], sectors)
    warnings = team_shape_warnings(
        core_size=16,
        size_range=(4, 10),
        partner_counts={p: len(s) for p, s in partners.items()},
        partner_limit=3,
    )
    assert warnings.too_large and not warnings.too_small
    assert warnings.over_partnered == {"cm"}


def test_small_dyad_team_is_fine():
    warnings = team_shape_warnings(
        core_size=7, size_range=(4, 10), partner_counts={"a": 1, "b": 1}, partner_limit=3
    )
    assert not warnings.any


pairs = st.lists(st.tuples(st.sampled_from(list(SECTORS)), st.sampled_from(list(SECTORS))))


@given(pairs)
def test_partnership_is_symmetric_and_always_crosses_sectors(pair_list):
    partners = cross_sector_partners(pair_list, SECTORS)
    for person, others in partners.items():
        for other in others:
            assert person in partners[other]
            assert SECTORS[person] != SECTORS[other]


@given(pairs, st.integers(min_value=0, max_value=5))
def test_a_lower_limit_never_flags_fewer_people(pair_list, limit):
    counts = {p: len(s) for p, s in cross_sector_partners(pair_list, SECTORS).items()}
    strict = team_shape_warnings(
        core_size=5, size_range=(4, 10), partner_counts=counts, partner_limit=limit
    )
    loose = team_shape_warnings(
        core_size=5, size_range=(4, 10), partner_counts=counts, partner_limit=limit + 1
    )
    assert loose.over_partnered <= strict.over_partnered
