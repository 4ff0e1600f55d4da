import QICommandLine
QICommand.main()
