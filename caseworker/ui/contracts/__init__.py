"""The Contrats section, the household's contracts tab, the contract editor and the fiche navette."""
