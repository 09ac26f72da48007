from digibridge.cli import main

raise SystemExit(main())
