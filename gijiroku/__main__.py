from gijiroku.cli import main

main()
