# English dates the way Danish, Swedish and Norwegian readers (and most of Europe) write them.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
FIRST_DAY_OF_WEEK = 1
TIME_FORMAT = "H:i"
