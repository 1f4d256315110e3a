"""Plausible, synthetic Danish names. Combined at random: no real person's data."""

GIVEN_NAMES = [
    "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Camilla", "Louise", "Maria",
    "Sofie", "Freja", "Ida", "Emma", "Julie", "Line", "Marianne", "Trine", "Pia", "Karen",
    "Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jesper", "Martin", "Rasmus",
    "Mads", "Anders", "Niels", "Morten", "Christian", "Kasper", "Jonas", "Mikkel", "Frederik",
    "Emil", "Ole", "Torben", "Bo", "Kim", "Jakob", "Simon", "Nikolaj", "Signe", "Astrid", "Birgit",
]

FAMILY_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Frederiksen", "Lund", "Holm", "Schmidt", "Eriksen", "Kristiansen", "Simonsen",
    "Clausen", "Svendsen", "Andreasen", "Iversen", "Østergaard", "Jeppesen", "Vestergaard",
    "Nissen", "Lauridsen", "Kjær", "Dam", "Bech", "Bak", "Winther", "Krogh", "Overgaard",
]
