"""Manager pages: assessments, invitations and progress."""
