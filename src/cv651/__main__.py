from cv651.cli import main

main()
