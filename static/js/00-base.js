/* enhancements only: every page works without this file */
