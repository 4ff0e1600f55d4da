import QICommandLine

QIMain.run()
