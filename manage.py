#!/usr/bin/env python
from roundtable.cli import main

if __name__ == "__main__":
    main()
