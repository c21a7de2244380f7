import LeadqCLI

LeadqCommand.runMain()
